import { Injectable } from '@nestjs/common';
import { QualificationRecord, QualificationsRepository } from './qualifications.repository';

@Injectable()
export class QualificationsService {
  constructor(private readonly repository: QualificationsRepository) {}

  list(): Promise<QualificationRecord[]> {
    return this.repository.list();
  }

  get(code: string): Promise<QualificationRecord | null> {
    return this.repository.find(code);
  }

  /** The codes among `codes` that are not in the catalogue. */
  async unknownCodes(codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const known = await this.repository.known(codes);
    return codes.filter((c) => !known.has(c));
  }
}
