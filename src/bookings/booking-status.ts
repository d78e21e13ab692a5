/** A booking is confirmed when made and may be cancelled once; a cancelled booking stays, for the record. */
export const BOOKING_STATUSES = ['confirmed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

export const BOOKING_TRANSITIONS: Record<BookingStatus, readonly BookingStatus[]> = {
  confirmed: ['cancelled'],
  cancelled: [],
};

export const statusesThatMayBecome = (to: BookingStatus): BookingStatus[] => BOOKING_STATUSES.filter((from) => BOOKING_TRANSITIONS[from].includes(to));
