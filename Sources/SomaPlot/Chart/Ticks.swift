import Foundation

/// Tick positions and labels: "nice" 1-2-2.5-5 steps as matplotlib's MaxNLocator.
enum Ticks {
    /// Steps tried within each decade, smallest first.
    static let steps: [Double] = [1, 2, 2.5, 5, 10]

    /// Up to `maxBins + 1` nicely spaced ticks covering [lo, hi]; returns the step too.
    static func linear(_ lo: Double, _ hi: Double, maxBins: Int, integer: Bool = false) -> (ticks: [Double], step: Double) {
        guard lo.isFinite, hi.isFinite, hi > lo, (hi - lo).isFinite, hi - lo > 1e-300 else {
            return ([lo], 1)
        }
        let bins = Double(max(1, maxBins))
        let raw = (hi - lo) / bins
        let scale = pow(10, (log10(raw)).rounded(.down))
        // Candidate steps from a decade below to a decade above, smallest first.
        var candidates: [Double] = []
        for decade in [scale / 10, scale, scale * 10] {
            for s in steps.dropLast() { candidates.append(s * decade) }
        }
        if integer { candidates = candidates.filter { $0 >= 1 && abs($0 - $0.rounded()) < 1e-9 } }
        if candidates.isEmpty { candidates = [max(1, scale.rounded())] }
        func ticks(_ step: Double) -> [Double] {
            let first = (lo / step - 1e-9).rounded(.up)
            let last = (hi / step + 1e-9).rounded(.down)
            guard last >= first, last - first < 1000 else { return [] }
            return (0...Int(last - first)).map { cleaned((first + Double($0)) * step, step: step) }
        }
        // The smallest step no finer than `raw` that still shows two ticks...
        for step in candidates where step >= raw * (1 - 1e-9) {
            let t = ticks(step)
            if t.count >= 2 { return (t, step) }
        }
        // ...else the coarsest finer step that does (a narrow axis over an awkward range).
        for step in candidates.reversed() where step < raw {
            let t = ticks(step)
            if t.count >= 2 { return (t, step) }
        }
        return ([lo, hi], hi - lo)
    }

    /// `value` rounded to the precision of `step`, so 3 * 0.1 is exactly 0.3.
    static func cleaned(_ value: Double, step: Double) -> Double {
        let digits = decimals(for: step) + 2
        let factor = pow(10, Double(min(digits, 15)))
        let v = (value * factor).rounded() / factor
        return abs(v) < step * 1e-9 ? 0 : v
    }

    /// Decimal places needed to print multiples of `step` exactly.
    static func decimals(for step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var d = max(0, Int(saturating: (-log10(step) - 1e-9).rounded(.up)))
        // 2.5-type steps need one more place than their magnitude suggests.
        while d < 12 {
            let scaled = step * pow(10, Double(d))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { break }
            d += 1
        }
        return d
    }

    /// Labels for linear ticks, plus an axis-wide multiplier label ("×10⁶") when
    /// values are very large or very small.
    static func labels(_ ticks: [Double], step: Double) -> (labels: [String], multiplier: String?) {
        let maxAbs = ticks.filter(\.isFinite).map(abs).max() ?? 0
        var exponent = 0
        if needsMultiplier(maxAbs) {
            // log10 of a finite non-zero double lies within ±324.
            exponent = Int(min(400, max(-400, log10(maxAbs).rounded(.down))))
        }
        let factor = pow(10, Double(exponent))
        let d = decimals(for: step / factor)
        let labels = ticks.map { format($0 / factor, decimals: d) }
        return (labels, exponent == 0 ? nil : "×10" + superscript(exponent))
    }

    /// Whether labels up to `maxAbs` are written as multiples of a power of ten.
    static func needsMultiplier(_ maxAbs: Double) -> Bool {
        maxAbs.isFinite && (maxAbs >= 1e5 || (maxAbs > 0 && maxAbs < 1e-3))
    }

    /// A number with `decimals` places, using a true minus sign and never "-0".
    static func format(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(max(0, min(decimals, 15)))f", value)
        if text.hasPrefix("-") {
            if text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
                text = String(text.dropFirst())
            } else {
                text = "−" + text.dropFirst()
            }
        }
        return text
    }

    /// Decade ticks for a log axis, with labels like "10³"; minor ticks at 2..9.
    static func log(_ lo: Double, _ hi: Double) -> (major: [Double], labels: [String], minor: [Double]) {
        guard lo > 0, hi > lo else { return ([], [], []) }
        guard lo.isFinite, hi.isFinite else { return ([], [], []) }
        let e0 = Int(saturating: (log10(lo) - 1e-9).rounded(.up))
        let e1 = Int(saturating: (log10(hi) + 1e-9).rounded(.down))
        var major: [Double] = [], labels: [String] = [], minor: [Double] = []
        let stride = max(1, (e1 - e0) / 8 + 1)
        if e0 <= e1 {
            for e in Swift.stride(from: e0, through: e1, by: stride) {
                major.append(pow(10, Double(e)))
                labels.append("10" + superscript(e))
            }
        }
        let m0 = Int(saturating: log10(lo).rounded(.down)), m1 = Int(saturating: log10(hi).rounded(.up))
        if m1 - m0 <= 12 {
            for e in m0...m1 {
                for k in 2...9 {
                    let v = Double(k) * pow(10, Double(e))
                    if v >= lo, v <= hi { minor.append(v) }
                }
            }
        }
        return (major, labels, minor)
    }

    /// An integer written with Unicode superscript digits ("⁻³").
    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(abs(n)).compactMap { $0.wholeNumberValue.map { digits[$0] } }
        return (n < 0 ? "⁻" : "") + String(body)
    }
}
