/** Tests. */
@NullMarked
package dev.ergon.accounting.cells;

import org.jspecify.annotations.NullMarked;
