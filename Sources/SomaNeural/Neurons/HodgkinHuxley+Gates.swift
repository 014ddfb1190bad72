import Foundation

/// Gating functions: steady state x∞(V) and time constant τx(V) in ms, from
/// the rate functions α(V), β(V) of the course demo.
extension HodgkinHuxley {
    /// n gate (potassium activation): returns (n∞, τn).
    @inlinable
    public static func nGate(_ v: Double) -> (inf: Double, tau: Double) {
        let alpha = linoid(0.01, v + 55)
        let beta = 0.125 * exp(-0.0125 * (v + 65))
        return gate(alpha: alpha, beta: beta)
    }

    /// m gate (sodium activation): returns (m∞, τm).
    @inlinable
    public static func mGate(_ v: Double) -> (inf: Double, tau: Double) {
        let alpha = linoid(0.1, v + 40)
        let beta = 4 * exp(-0.0556 * (v + 65))
        return gate(alpha: alpha, beta: beta)
    }

    /// h gate (sodium inactivation): returns (h∞, τh).
    @inlinable
    public static func hGate(_ v: Double) -> (inf: Double, tau: Double) {
        let alpha = 0.07 * exp(-0.05 * (v + 65))
        let beta = 1 / (1 + exp(-0.1 * (v + 35)))
        return gate(alpha: alpha, beta: beta)
    }

    /// `scale·x / (1 - e^(-x/10))`, the α of the n and m gates. At x = 0 the
    /// quotient is 0/0 but the rate is smooth there, with limit 10·scale.
    @usableFromInline @inline(__always)
    static func linoid(_ scale: Double, _ x: Double) -> Double {
        abs(x) > 1e-5 ? scale * x / (1 - exp(-0.1 * x)) : 10 * scale
    }

    /// A gate's steady state and time constant from its opening and closing
    /// rates: τ = 1 / (α + β), x∞ = α·τ.
    @usableFromInline @inline(__always)
    static func gate(alpha: Double, beta: Double) -> (inf: Double, tau: Double) {
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
