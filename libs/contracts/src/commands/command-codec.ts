/**
 * How a command's request travels on the bus when JSON is not the best way: the codec turns it
 * into bytes and back into the value its zod schema then checks. Commands without one travel
 * as JSON.
 */
export interface CommandCodec {
  encode(request: never): Uint8Array;
  decode(bytes: Uint8Array): unknown;
}
