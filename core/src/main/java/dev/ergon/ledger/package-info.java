/**
 * The ledger: an append-only, mergeable store of {@link dev.ergon.EnergyRecord}s.
 */
@NullMarked
package dev.ergon.ledger;

import org.jspecify.annotations.NullMarked;
