/**
 * Ergon planner: carbon-aware scheduling. From a job's measured energy profile and hourly grid intensity it picks
 * when (and, with several regions, where) the job should run, with the expected emissions and the saving, each
 * with its 95 % interval; and it replays a ledger's flexible jobs to say what shifting them would have saved.
 *
 * <p>{@code dev.ergon.plan.internal} is not exported.
 */
module dev.ergon.planner {
  requires transitive dev.ergon.core;
  requires transitive dev.ergon.accounting;
  requires static transitive org.jspecify;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.csv;

  exports dev.ergon.plan;
}
