/** Tests of the ledger. */
@NullMarked
package dev.ergon.ledger;

import org.jspecify.annotations.NullMarked;
