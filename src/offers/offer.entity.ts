import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Vacancy } from '../absences/vacancy.entity';
import { Substitute } from '../substitutes/substitute.entity';

import type { OfferStatus } from './offer-status';

/** One vacancy offered to one substitute in a wave. The token is derived from the id; only its hash is stored. */
@Entity('offer')
/** One live offer per substitute and vacancy; a substitute asked again after a withdrawal gets a new offer. */
@Index('uq_offer_vacancy_substitute', ['vacancyId', 'substituteId'], { unique: true, where: `"status" <> 'withdrawn'` })
@Unique('uq_offer_token_hash', ['tokenHash'])
@Index('ix_offer_pending_expiry', ['expiresAt'], { where: `"status" = 'pending'` })
@Index('ix_offer_substitute', ['substituteId', 'status'])
@Check('ck_offer_status', `"status" IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')`)
export class Offer {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @Column('uuid')
  vacancyId: string;

  @ManyToOne(() => Vacancy, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vacancy_id' })
  vacancy?: Vacancy;

  @Column('uuid')
  substituteId: string;

  @ManyToOne(() => Substitute, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'substitute_id' })
  substitute?: Substitute;

  @Column('int')
  wave: number;

  @Column('text', { default: 'pending' })
  status: OfferStatus;

  /** SHA-256 (hex) of the offer's token, for look-up from a link. */
  @Column('text')
  tokenHash: string;

  @Column('timestamptz')
  expiresAt: Date;

  @Column('timestamptz', { nullable: true })
  answeredAt: Date | null;

  /** Why this substitute was offered, in ranking order: for the staffing team. */
  @Column('jsonb', { default: () => `'{}'` })
  rankReason: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
