// Bilingual text (English / French, domain.md "Privacy": everything is bilingual) and the two display
// locales the kiosk formats money and dates in.
import { z } from 'zod';

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The locales used to format amounts and dates for each language: Canadian English and Canadian French. */
export const DISPLAY_LOCALES = { en: 'en-CA', fr: 'fr-CA' } as const satisfies Record<Language, string>;
export type DisplayLocale = (typeof DISPLAY_LOCALES)[Language];

/** A text in both official languages; neither may be empty. */
export const Bilingual = z.object({ en: z.string().trim().min(1), fr: z.string().trim().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;
