import Foundation

/// Gating functions: steady state x∞(V) and time constant τx(V) in ms, from
/// the rate functions α(V), β(V) of the course demo.
extension HodgkinHuxley {
    /// n gate (potassium activation): returns (n∞, τn).
    @inlinable
    public static func nGate(_ v: Double) -> (inf: Double, tau: Double) {
        // α has a removable singularity at V = -55 where its limit is 0.1.
        let alpha = abs(v + 55) > 1e-5 ? 0.01 * (v + 55) / (1 - exp(-0.1 * (v + 55))) : 0.1
        let beta = 0.125 * exp(-0.0125 * (v + 65))
        let tau = 1 / (alpha + beta)
        return (alpha * tau, tau)
    }

    /// m gate (sodium activation): returns (m∞, τm).
    @inlinable
    public static func mGate(_ v: Double) -> (inf: Double, tau: Double) {
        // Removable singularity at V = -40 with limit 1.
        let alpha = abs(v + 40) > 1e-5 ? 0.1 * (v + 40) / (1 - exp(-0.1 * (v + 40))) : 1.0
        let beta = 4 * exp(-0.0556 * (v + 65))
        let tau = 1 / (alpha + beta)
        return (alpha * tau, tau)
    }

    /// h gate (sodium inactivation): returns (h∞, τh).
    @inlinable
    public static func hGate(_ v: Double) -> (inf: Double, tau: Double) {
        let alpha = 0.07 * exp(-0.05 * (v + 65))
        let beta = 1 / (1 + exp(-0.1 * (v + 35)))
        let tau = 1 / (alpha + beta)
        return (alpha * tau, tau)
    }

    /// The course demo's stepped input: -0.2, 0.07, 0, 0.6 in 0.2 s blocks.
    public static func steppedCurrent(_ t: Double) -> Double {
        if t > 0 && t < 0.2 { return -0.2 }
        if t < 0.4 { return 0.07 }
        if t < 0.6 { return 0 }
        return 0.6
    }
}
