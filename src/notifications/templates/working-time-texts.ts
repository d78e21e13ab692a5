/** Why a booking was refused, in Swedish, for the person it concerns: the substitute ("du") or staff ("vikarien"). */

export type WorkingTimeRuleName = 'OVERLAP' | 'DAILY_REST' | 'WEEKLY_REST' | 'MONTHLY_CAP';

export interface WorkingTimeLimits {
  dailyRestHours: number;
  weeklyRestHours: number;
  monthlyHourCap: number;
}

/** The limits, when known, are named ("11 timmars vila"); without them the rule is said in general words. */
export function workingTimeRefusal(rule: WorkingTimeRuleName, limits: WorkingTimeLimits | null, who: 'du' | 'vikarien'): string {
  const you = who === 'du';
  const subject = you ? 'Du' : 'Vikarien';
  switch (rule) {
    case 'OVERLAP':
      return you ? 'Det krockar med ett pass du redan är bokad på.' : 'Det krockar med ett pass vikarien redan är bokad på.';
    case 'DAILY_REST':
      return `${subject} skulle få mindre än ${limits ? `${limits.dailyRestHours} timmars` : 'den'} vila som ska finnas mellan två pass (dygnsvila).`;
    case 'WEEKLY_REST':
      return `${subject} skulle inte få ${limits ? `${limits.weeklyRestHours} timmar` : 'tillräckligt länge'} i sträck ledigt under en kalendervecka (veckovila, måndag till måndag).`;
    case 'MONTHLY_CAP':
      return `${subject} skulle bli bokad mer än ${limits ? `${limits.monthlyHourCap} timmar` : 'det högsta antalet timmar'} under en kalendermånad.`;
  }
}

export const WORKING_TIME_RULE_NAMES: readonly WorkingTimeRuleName[] = ['OVERLAP', 'DAILY_REST', 'WEEKLY_REST', 'MONTHLY_CAP'];
