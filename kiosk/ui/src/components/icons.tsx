// Pictograms as inline SVG (the kiosk ships no emoji font and fetches nothing): decorative, hidden from
// assistive technology; the words beside them carry the meaning.
import type { JSX } from 'preact';

function Svg({ children, size = 120 }: { children: JSX.Element | JSX.Element[]; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="3"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      {children}
    </svg>
  );
}

export const CardIcon = () => (
  <Svg>
    <rect x="5" y="12" width="38" height="24" rx="3" />
    <path d="M5 19h38M11 29h8" />
  </Svg>
);
export const PinIcon = () => (
  <Svg>
    <rect x="10" y="5" width="28" height="38" rx="3" />
    <path d="M17 15h2M23 15h2M29 15h2M17 22h2M23 22h2M29 22h2M17 29h2M23 29h2M29 29h2M23 36h2" />
  </Svg>
);
export const HourglassIcon = () => (
  <Svg>
    <path d="M14 5h20M14 43h20M16 5c0 10 16 12 16 19S16 33 16 43M32 5c0 10-16 12-16 19s16 9 16 19" />
  </Svg>
);
export const RemoveCardIcon = () => (
  <Svg>
    <rect x="12" y="18" width="24" height="26" rx="3" />
    <path d="M24 14V3M18 8l6-6 6 6" />
  </Svg>
);
export const CheckIcon = ({ size = 96 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M10 25l9 9 19-20" />
  </Svg>
);
export const AlertIcon = ({ size = 96 }: { size?: number }) => (
  <Svg size={size}>
    <path d="M24 10v18M24 36v1" />
  </Svg>
);
export const FaceIcon = ({ mood }: { mood: 'good' | 'neutral' | 'poor' }) => (
  <Svg size={56}>
    <circle cx="24" cy="24" r="19" />
    <path d="M17 19v1M31 19v1" />
    <path d={mood === 'good' ? 'M15 29c5 6 13 6 18 0' : mood === 'neutral' ? 'M16 31h16' : 'M15 34c5-6 13-6 18 0'} />
  </Svg>
);
export const ArrowDownIcon = () => (
  <Svg size={72}>
    <path d="M24 6v34M12 29l12 12 12-12" />
  </Svg>
);
