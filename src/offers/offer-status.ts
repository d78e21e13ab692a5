/** An offer is pending until it is answered, expires, or is withdrawn (the vacancy was filled or cancelled). */
export const OFFER_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

export const OFFER_TRANSITIONS: Record<OfferStatus, readonly OfferStatus[]> = {
  pending: ['accepted', 'declined', 'expired', 'withdrawn'],
  accepted: [],
  declined: [],
  expired: [],
  withdrawn: [],
};

export const statusesThatMayBecome = (to: OfferStatus): OfferStatus[] => OFFER_STATUSES.filter((from) => OFFER_TRANSITIONS[from].includes(to));
