/** cloud-init user data larger than this is refused (decoded bytes). */
export const USER_DATA_MAX_BYTES = 64 * 1024;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Why `text` is not base64-encoded user data, or null when it is. Line breaks are allowed, as
 * MIME and `base64` without `-w0` produce them (the seed's own example ends in one); the rest
 * must be canonical standard base64 with padding.
 */
export function userDataProblem(text: string): string | null {
  const compact = text.replace(/[\r\n]/g, '');
  if (compact.length === 0) return 'must not be empty; send null for no user data';
  if (!BASE64.test(compact)) return 'must be base64 (standard alphabet, padded)';
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.toString('base64') !== compact) return 'must be base64 (standard alphabet, padded)';
  if (bytes.length > USER_DATA_MAX_BYTES) return `must decode to at most ${USER_DATA_MAX_BYTES / 1024} KiB`;
  return null;
}
