/**
 * Carbon-aware scheduling: {@link dev.ergon.plan.CarbonAwarePlanner} picks the start (and region) of a job from its
 * energy profile and hourly grid intensity.
 *
 * <pre>{@code
 * IntensityData grid = IntensityData.read(List.of(Path.of("de-forecast.csv")));
 * JobProfile job = JobProfile.flat(Duration.ofHours(6), Energy.ofKilowattHours(40));
 * PlanningWindow window = new PlanningWindow(Instant.parse("2026-03-14T18:00:00Z"),
 *     Instant.parse("2026-03-15T12:00:00Z"));
 * Plan plan = CarbonAwarePlanner.over(grid).plan(job, window, List.of("DE"));
 * plan.best().start();        // e.g. 2026-03-15T01:00:00Z
 * plan.best().saving();       // kg CO2e against starting at 18:00, with its 95 % interval
 * }</pre>
 *
 * <p>All arithmetic is on UTC instants; local times are turned into instants once, at the edge
 * ({@link dev.ergon.plan.PlanningWindow#parseInstant}).
 */
@NullMarked
package dev.ergon.plan;

import org.jspecify.annotations.NullMarked;
