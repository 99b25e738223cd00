/** TODO. */
@NullMarked
package dev.ergon.accounting.scope2;

import org.jspecify.annotations.NullMarked;
