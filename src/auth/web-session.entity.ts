import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** A signed-in browser: the cookie holds a random token, of which only the SHA-256 is stored. */
@Entity('web_session')
@Unique('uq_web_session_token', ['tokenHash'])
@Index('ix_web_session_subject', ['subjectId'])
@Check('ck_web_session_role', `"role" IN ('admin', 'manager', 'substitute')`)
export class WebSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  tokenHash: string;

  @Column('uuid')
  municipalityId: string;

  @Column('text')
  role: 'admin' | 'manager' | 'substitute';

  /** The staff user's or the substitute's id. */
  @Column('uuid')
  subjectId: string;

  /** Every form of the session carries it; a post without it is refused (cross-site request forgery). */
  @Column('text')
  csrfToken: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz')
  expiresAt: Date;
}
