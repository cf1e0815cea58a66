// Two requests writing the same agent and time can each insert their row
// before either checks the exclusion constraint (a GiST index: unlike a
// unique btree, it does not put them in line), then each waits for the
// other's uncommitted row. PostgreSQL breaks the cycle by aborting one with
// deadlock_detected. Run again, that request waits for the survivor and gets
// the constraint's own answer (23P01, "ce créneau vient d'être pris") — or
// books, if the survivor failed. Seen with three app processes in
// bench/appointments.ts: 1 to 3 answers in 1,000 were a 500 without this.

/** PostgreSQL's deadlock_detected. */
export function isDeadlock(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "40P01";
}

/** Runs `transaction` again (up to `attempts` runs in all) when PostgreSQL aborted it as a deadlock. */
export async function retryOnDeadlock<T>(transaction: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
    }
  }
}
