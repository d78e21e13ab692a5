import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { AUDIT_ACTIONS, AUDITED_ENTITIES } from './audit-actions';

/**
 * Who did what to which record. Written in the transaction of the change it records; never updated.
 * Municipality, actor and record are ids without foreign keys: the log outlives the rows it names.
 */
@Entity('audit_entry')
@Index('ix_audit_entry_record', ['municipalityId', 'entity', 'entityId', 'at'])
@Index('ix_audit_entry_actor', ['municipalityId', 'actorId', 'at'])
@Index('ix_audit_entry_at', ['at'])
@Check('ck_audit_entry_action', `"action" IN (${AUDIT_ACTIONS.map((a) => `'${a}'`).join(', ')})`)
@Check('ck_audit_entry_entity', `"entity" IN (${AUDITED_ENTITIES.map((e) => `'${e}'`).join(', ')})`)
@Check('ck_audit_entry_actor_role', `"actor_role" IN ('admin', 'manager', 'substitute', 'anonymous', 'system')`)
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  municipalityId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column('text')
  actorRole: string;

  /** The staff user or substitute who acted; null for someone not signed in, and for the system. */
  @Column('uuid', { nullable: true })
  actorId: string | null;

  @Column('text')
  action: string;

  @Column('text')
  entity: string;

  @Column('uuid')
  entityId: string;

  /** What changed, without names, numbers or addresses. */
  @Column('jsonb', { default: {} })
  details: Record<string, unknown>;
}
