/**
 * The machine codes of error answers, stable across wording changes so a desk can translate them.
 * Listed with their meaning in docs/api-errors.md; add a code there when you add one here.
 */
export const API_ERROR_CODES = {
  /** 400: one or more fields are wrong; the details are in `errors[]`. */
  invalidInput: 'invalid-input',
  /** 400: the body is not JSON. */
  malformedJson: 'malformed-json',
  /** 400: a token was sent in the URL; tokens are accepted only in the Authorization header. */
  tokenInUrl: 'token-in-url',
  /** 401: no token, a bad or expired token, or a disabled account. */
  unauthenticated: 'unauthenticated',
  /** 403: the caller's role or center may not do this. */
  forbidden: 'forbidden',
  /** 404: the story, center or other thing named in the path does not exist here. */
  notFound: 'not-found',
  /** 409: the thing exists but its state does not allow the action. */
  conflict: 'conflict',
  /** 413: the body is over the limit. */
  payloadTooLarge: 'payload-too-large',
  /** 429: too many requests; see Retry-After. */
  rateLimited: 'rate-limited',
  /** 503: the database is busy or restarting; nothing was changed. */
  unavailable: 'unavailable',
  /** 500: a fault of the server. */
  internal: 'internal',

  // Specific conflicts (409), so a desk can say what to do next.
  storyNotEditable: 'story-not-editable',
  storyWithdrawn: 'story-withdrawn',
  alreadyDecided: 'already-decided',
  alreadySubmitted: 'already-submitted',
  alreadyInPool: 'already-in-pool',
  claimedByOther: 'claimed-by-other',
  notClaimHolder: 'not-claim-holder',
  alreadyRecommended: 'already-recommended',
  alreadyAdopted: 'already-adopted',
  alreadyRepublished: 'already-republished',
  releaseWithdrawn: 'release-withdrawn',
  alreadyExists: 'already-exists',
  reviewOutOfOrder: 'review-out-of-order',

  // Refused uploads: the answer names the field (`file`) and says why in Chinese too.
  /** 415: the bytes are not a type this network accepts (sniffed, whatever the name says). */
  mediaTypeRefused: 'media-type-refused',
  /** 413: the file is over its kind's limit. */
  mediaTooLarge: 'media-too-large',
  /** 400: no file in the request. */
  mediaMissing: 'media-missing',
  /** 403/410: a media link that is expired, forged or for media no longer served. */
  mediaLinkInvalid: 'media-link-invalid',
} as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[keyof typeof API_ERROR_CODES];

/** The code an answer gets when the thrower named none. */
export function codeForStatus(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return API_ERROR_CODES.invalidInput;
    case 401:
      return API_ERROR_CODES.unauthenticated;
    case 403:
      return API_ERROR_CODES.forbidden;
    case 404:
      return API_ERROR_CODES.notFound;
    case 409:
      return API_ERROR_CODES.conflict;
    case 413:
      return API_ERROR_CODES.payloadTooLarge;
    case 429:
      return API_ERROR_CODES.rateLimited;
    case 503:
      return API_ERROR_CODES.unavailable;
    default:
      return status >= 500 ? API_ERROR_CODES.internal : API_ERROR_CODES.invalidInput;
  }
}
