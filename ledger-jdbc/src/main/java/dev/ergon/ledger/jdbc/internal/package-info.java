/**
 * The JDBC ledger's SQL and its provider; not for public use.
 */
@NullMarked
package dev.ergon.ledger.jdbc.internal;

import org.jspecify.annotations.NullMarked;
