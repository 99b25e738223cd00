/** Tests. */
@NullMarked
package dev.ergon.accounting.factors;

import org.jspecify.annotations.NullMarked;
