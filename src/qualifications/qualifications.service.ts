import { Injectable } from '@nestjs/common';
import { QualificationRecord, QualificationsRepository } from './qualifications.repository';

/**
 * The qualification catalogue. It changes only through migrations, that is with a new release, so each
 * process reads it once: every posted absence and sign-up checks a code against it.
 */
@Injectable()
export class QualificationsService {
  private catalogue?: Promise<Map<string, QualificationRecord>>;

  constructor(private readonly repository: QualificationsRepository) {}

  async list(): Promise<QualificationRecord[]> {
    return [...(await this.byCode()).values()];
  }

  async get(code: string): Promise<QualificationRecord | null> {
    return (await this.byCode()).get(code) ?? null;
  }

  /** The codes among `codes` that are not in the catalogue. */
  async unknownCodes(codes: string[]): Promise<string[]> {
    const catalogue = await this.byCode();
    return codes.filter((c) => !catalogue.has(c));
  }

  private byCode(): Promise<Map<string, QualificationRecord>> {
    this.catalogue ??= this.repository.list().then(
      (rows) => new Map(rows.map((row) => [row.code, row])),
      (error: unknown) => {
        // A failed read (the database away for a moment) is not kept: the next call reads again.
        this.catalogue = undefined;
        throw error;
      },
    );
    return this.catalogue;
  }
}
