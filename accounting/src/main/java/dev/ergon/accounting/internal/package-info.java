/**
 * The accounting engine's machinery: table readers, the consumption model, the market-based allocator, the
 * uncertainty budget, the input digest and the report writers.
 *
 * <p>This package is internal and is hence not for public use.
 */
@NullMarked
package dev.ergon.accounting.internal;

import org.jspecify.annotations.NullMarked;
