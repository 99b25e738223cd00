/** Tests. */
@NullMarked
package dev.ergon.accounting.internal;

import org.jspecify.annotations.NullMarked;
