/** TODO. */
@NullMarked
package dev.ergon.accounting.sci;

import org.jspecify.annotations.NullMarked;
