// What every screen component receives: its view from the bridge's snapshot and the intent sender.
import type { ScreenView, UiIntent } from '../../../src/ui-bridge/screen-protocol';

export type Send = (intent: UiIntent) => void;
export type ViewOf<S extends ScreenView['screen']> = Extract<ScreenView, { screen: S }>;
