/** TODO. */
@NullMarked
package dev.ergon.accounting;

import org.jspecify.annotations.NullMarked;
