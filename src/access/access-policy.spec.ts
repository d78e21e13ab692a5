import { mayAccess, visibleUnits } from './access-policy';
import type { Actor } from './actor';

const HOME = 'municipality-a';
const admin: Actor = { id: 'admin-1', role: 'admin', municipalityId: HOME, unitIds: [] };
const manager: Actor = { id: 'manager-1', role: 'manager', municipalityId: HOME, unitIds: ['unit-1'] };
const substitute: Actor = { id: 'substitute-1', role: 'substitute', municipalityId: HOME, unitIds: [] };

describe('mayAccess', () => {
  const unitRecord = { municipalityId: HOME, unitId: 'unit-1' };
  const otherUnitRecord = { municipalityId: HOME, unitId: 'unit-2' };
  const ownProfile = { municipalityId: HOME, substituteId: 'substitute-1' };
  const booking = { municipalityId: HOME, unitId: 'unit-1', substituteId: 'substitute-1' };

  it('lets an admin at every record of their municipality', () => {
    expect([unitRecord, otherUnitRecord, ownProfile, booking].map((r) => mayAccess(admin, r))).toEqual([true, true, true, true]);
  });

  it("lets a manager at their own units' records only, never at a substitute's profile", () => {
    expect([unitRecord, otherUnitRecord, ownProfile, booking].map((r) => mayAccess(manager, r))).toEqual([true, false, false, true]);
  });

  it('lets a substitute at their own records only', () => {
    expect([unitRecord, ownProfile, { ...ownProfile, substituteId: 'substitute-2' }, booking].map((r) => mayAccess(substitute, r))).toEqual([false, true, false, true]);
  });

  it('lets no one cross into another municipality, even with matching ids', () => {
    const elsewhere = { municipalityId: 'municipality-b', unitId: 'unit-1', substituteId: 'substitute-1' };
    expect([admin, manager, substitute].map((actor) => mayAccess(actor, elsewhere))).toEqual([false, false, false]);
  });
});

describe('visibleUnits', () => {
  it('is every unit for an admin, own units for a manager, none for a substitute', () => {
    expect([visibleUnits(admin), visibleUnits(manager), visibleUnits(substitute)]).toEqual([undefined, ['unit-1'], []]);
  });
});
