import Testing
@testable import SomaPlot

@Suite struct MathTextTests {
    @Test func greekLettersAndScripts() {
        let runs = MathText.runs("$\\tau_m$ (ms)")
        #expect(runs.map(\.text) == ["τ", "m", " (ms)"])
        #expect(runs[1].scale < 1 && runs[1].rise < 0)
        #expect(runs[0].scale == 1 && runs[2].rise == 0)
        let sup = MathText.runs("$x^2$")
        #expect(sup.map(\.text) == ["x", "2"])
        #expect(sup[1].rise > 0 && sup[1].scale < 1)
        let group = MathText.runs("$v_{in}$")
        #expect(group.map(\.text) == ["v", "in"])
        #expect(MathText.plain("$\\frac{\\partial E}{\\partial z}$") == "∂E/∂z")
        #expect(MathText.plain("$\\Delta t \\cdot \\alpha$") == "Δt·α")
        #expect(MathText.plain("$x = -1$") == "x = −1")
        #expect(MathText.plain("$1-e^x$") == "1 − ex")
        #expect(MathText.plain("$a \\leq b$") == "a ≤ b")
    }

    /// A fraction stacks its parts: taller than the line, narrower than writing it out.
    @Test func fractionsStackOverABar() throws {
        let runs = MathText.runs("$\\frac{dv}{dt}$")
        let fraction = try #require(runs.first?.fraction)
        #expect(fraction.top.map(\.text) == ["dv"] && fraction.bottom.map(\.text) == ["dt"])
        let surface = RasterSurface(width: 200, height: 80, builtinFont: false)
        let stacked = surface.measure("$\\frac{dv}{dt}$", size: 20)
        let inline = surface.measure("dv/dt", size: 20)
        #expect(stacked.width < inline.width)
        #expect(stacked.ascent > inline.ascent && stacked.descent > inline.descent)
        var canvas = RasterSurface(width: 200, height: 80, builtinFont: false)
        canvas.text("$\\frac{dv}{dt}$", at: Point(10, 40), size: 20, color: .black,
                    anchor: TextAnchor(.left, .baseline), rotated: false)
        // The bar: one row, above the baseline, dark across most of the fraction's width.
        let rows = (20..<40).map { y in (12..<(10 + Int(stacked.width) - 2)).filter { (canvas.canvas.pixel(x: $0, y: y)?.r ?? 1) < 0.5 }.count }
        #expect((rows.max() ?? 0) >= Int(stacked.width) - 8)
    }

    @Test func textWithoutTwoDollarsIsLiteral() {
        #expect(MathText.runs("costs $5") == [MathText.Run(text: "costs $5", scale: 1, rise: 0)])
        #expect(MathText.plain("a_b") == "a_b")
        #expect(MathText.plain("$\\unknown$") == "\\unknown")
    }

    /// Drawn: the subscript sits lower than the baseline and is smaller, so the label is
    /// taller than the same letters in one line and narrower than the TeX source.
    @Test func rasterSurfaceDrawsScriptsSmallerAndShifted() {
        let surface = RasterSurface(width: 200, height: 60, builtinFont: false)
        let math = surface.measure("$v_{in}$", size: 20)
        let flat = surface.measure("vin", size: 20)
        #expect(math.width < flat.width)
        #expect(math.descent >= flat.descent)
        let sup = surface.measure("$x^2$", size: 20)
        #expect(sup.ascent >= surface.measure("x2", size: 20).ascent)
        var canvas = RasterSurface(width: 200, height: 60, builtinFont: false)
        canvas.text("$\\tau_m$", at: Point(10, 30), size: 20, color: .black, anchor: TextAnchor(.left, .baseline), rotated: false)
        // Ink below the baseline: the lowered "m" (τ itself has a descender, so look right of it).
        var inkBelow = false
        for y in 31..<40 {
            for x in 24..<60 where (canvas.canvas.pixel(x: x, y: y)?.r ?? 1) < 0.5 { inkBelow = true }
        }
        #expect(inkBelow)
    }
}
