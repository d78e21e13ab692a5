import { Injectable, Logger } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { daysBefore, inBatches } from '../common/retention';
import { AppConfig } from '../config/app-config';
import { Sweep } from '../queue/job-handlers';
import type { AuditAction, AuditActorRole, AuditedEntity } from './audit-actions';
import { AuditRecord, AuditRepository } from './audit.repository';


/** Who acted: a signed-in person, someone not signed in (a wrong password, an offer link), or the service itself. */
export type AuditActor = Pick<Actor, 'id' | 'role'> | { role: Extract<AuditActorRole, 'anonymous' | 'system'>; id?: null };

export interface AuditEvent {
  municipalityId: string;
  actor: AuditActor;
  action: AuditAction;
  entity: AuditedEntity;
  entityId: string;
  /** What changed: ids, statuses and settings; never names, numbers or addresses. */
  details?: Record<string, unknown>;
}

/**
 * Who did what to which record. `record` writes in the caller's unit of work, so an entry exists exactly
 * when its change was committed; outside one (a sign-in, an export) it is a statement of its own.
 */
@Injectable()
export class AuditLog {
  private readonly logger = new Logger(AuditLog.name);

  constructor(
    private readonly entries: AuditRepository,
    private readonly config: AppConfig,
  ) {}

  record(event: AuditEvent): Promise<void> {
    return this.entries.insert({
      municipalityId: event.municipalityId,
      actorRole: event.actor.role,
      actorId: event.actor.id ?? null,
      action: event.action,
      entity: event.entity,
      entityId: event.entityId,
      details: event.details ?? {},
    });
  }

  list(municipalityId: string, filter: { entity?: AuditedEntity; entityId?: string; limit: number }): Promise<AuditRecord[]> {
    return this.entries.list(municipalityId, filter);
  }

  /** For a person's data export: what they did, and what was done to them and to these records of theirs. */
  concerning(municipalityId: string, personId: string, recordIds: string[]): Promise<AuditRecord[]> {
    return this.entries.concerning(municipalityId, personId, recordIds);
  }

  @Sweep('remove audit entries past AUDIT_RETENTION_DAYS', { everyMs: 3600_000 })
  async removeExpired(now = new Date()): Promise<number> {
    const before = daysBefore(now, this.config.AUDIT_RETENTION_DAYS);
    const removed = await inBatches(5000, (batch) => this.entries.removeOlderThan(before, batch));
    if (removed > 0) this.logger.log(`Removed ${removed} audit entries older than ${this.config.AUDIT_RETENTION_DAYS} days`);
    return removed;
  }
}
