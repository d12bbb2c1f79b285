// What a person's password must be: long enough to resist guessing through the throttled sign-in, and not the
// user name. Pure, so the API, the CLI and the demo refuse the same passwords with the same words.
export const MIN_PASSWORD_LENGTH = 12;
/** Long enough for any passphrase; bounds the work one sign-in request can ask for. */
export const MAX_PASSWORD_LENGTH = 256;

/** Why `password` is refused for `username`, or undefined when it is acceptable. */
export function passwordProblem(username: string, password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `the password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `the password must be at most ${MAX_PASSWORD_LENGTH} characters`;
  if (password.toLowerCase().includes(username.toLowerCase())) return 'the password must not contain the user name';
  if (new Set(password).size < 4) return 'the password must have at least 4 different characters';
  return undefined;
}
