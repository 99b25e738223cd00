package dev.ergon.benchmarks;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JMH {@code @Setup} method that assigns a state's non-null fields before any benchmark method runs.
 * NullAway treats a method with an annotation of this simple name as an initializer, the way JMH uses it.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
@interface Initializer {}
