// The fleet API's maintenance limit as the console knows it (no imports: the server's tests read it without pulling
// the browser app's types into the server's program).

/** The longest window one plan may open: the fleet server's MAX_MAINTENANCE_DAYS (a test keeps the two equal). */
export const MAX_MAINTENANCE_DAYS = 7;
