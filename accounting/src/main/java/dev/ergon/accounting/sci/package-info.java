/**
 * The Software Carbon Intensity (ISO/IEC 21031:2024): {@code SCI = ((E × I) + M) per R}, with location-based or
 * marginal intensity only, embodied emissions, and the boundary stated.
 *
 * <p>A worked example, Cloud Carbon Footprint's way. An AWS m5.xlarge (4 of 96 vCPUs in its family) in us-east-1
 * runs one 10-hour job of 0.0982 kWh; PUE 1.135; CCF's factor 379.069 g/kWh; TE 1 610.79 kg over 4 years:
 *
 * <pre>{@code
 * SciReport sci = Sci.calculator(EmissionFactors.cloudCarbonFootprint()).pue(1.135)
 *     .embodied(CloudEmbodiedCoefficients.bundled().instance("aws", "m5.xlarge", null, 4, 96))
 *     .functionalUnit("training run")
 *     .calculate(records);
 * // O = 0.0982 × 1.135 × 379.069 = 42.25 g; M = 1 610 790 g × 10/35 040 × 4/96 = 19.15 g; SCI = 61.40 g per run
 * }</pre>
 */
@NullMarked
package dev.ergon.accounting.sci;

import org.jspecify.annotations.NullMarked;
