/** Tests of the accounting API and shared fixtures. */
@NullMarked
package dev.ergon.accounting;

import org.jspecify.annotations.NullMarked;
