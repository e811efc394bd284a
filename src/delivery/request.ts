/** A request the delivery engine will send; built and signed by the provider that owns the wire. */
export interface OutboundRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body: string;
  /** The URL the signature covers, when a public-URL rule makes it differ from `url` (`--public-url`). */
  signedUrl?: string;
}

export interface DeliveryTarget {
  /** What registered interest, e.g. `verify.webhook`. */
  kind: string;
  /** Its id (a webhook SID, a sink SID …). */
  id: string;
  url: string;
}
