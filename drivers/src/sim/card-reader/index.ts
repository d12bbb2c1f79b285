// The card-reader simulator: scripted swipes as MagTek reports behind the HidTransport interface.
export * from './sample-cards';
export * from './simulated-hid-transport';
