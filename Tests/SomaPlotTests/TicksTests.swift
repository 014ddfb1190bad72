import Testing
@testable import SomaPlot

@Suite struct TicksTests {
    @Test func unitRangeGetsTenthsInSteps() {
        let (ticks, step) = Ticks.linear(0, 1, maxBins: 9)
        #expect(abs(step - 0.2) < 1e-12)
        #expect(ticks.count == 6)
        #expect(Ticks.labels(ticks, step: step).labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func labelsNeverShowFloatingPointNoise() {
        let (ticks, step) = Ticks.linear(0, 0.9, maxBins: 9)
        let labels = Ticks.labels(ticks, step: step).labels
        #expect(labels.contains("0.3"))
        #expect(!labels.contains { $0.count > 4 })
        #expect(ticks.contains(0.3))
    }

    @Test func stepsAreOneTwoTwoPointFiveFive() {
        #expect(Ticks.linear(0, 10, maxBins: 9).step == 2)
        #expect(Ticks.linear(-1, 1, maxBins: 9).step == 0.25)
        #expect(Ticks.linear(0, 160, maxBins: 9).step == 20)
        #expect(Ticks.linear(0, 1000, maxBins: 4).step == 250)
        let labels = Ticks.labels([-1, -0.75, -0.5, 0, 0.25], step: 0.25).labels
        #expect(labels == ["−1.00", "−0.75", "−0.50", "0.00", "0.25"])
    }

    @Test func integerTicksSkipFractionalSteps() {
        let (ticks, step) = Ticks.linear(-0.5, 3.5, maxBins: 9, integer: true)
        #expect(step == 1)
        #expect(ticks == [0, 1, 2, 3])
    }

    @Test func negativeZeroPrintsAsZero() {
        #expect(Ticks.format(-0.0000001, decimals: 2) == "0.00")
        #expect(Ticks.format(-2, decimals: 0) == "−2")
    }

    @Test func largeValuesUseAMultiplier() {
        let (ticks, step) = Ticks.linear(0, 3e6, maxBins: 6)
        let result = Ticks.labels(ticks, step: step)
        #expect(result.multiplier == "×10⁶")
        #expect(result.labels.first == "0.0")
        #expect(result.labels.contains("1.0"))
    }

    @Test func logTicksAtDecades() {
        let result = Ticks.log(0.005, 200)
        #expect(result.major == [0.01, 0.1, 1, 10, 100])
        #expect(result.labels == ["10⁻²", "10⁻¹", "10⁰", "10¹", "10²"])
        #expect(result.minor.contains(0.02))
        #expect(!result.minor.contains(300))
    }

    @Test func limitsGetMarginsButBarsStayOnZero() throws {
        var axes = Axes()
        try axes.plot(x: [0, 10], y: [0, 1])
        let (x, y) = axes.viewLimits()
        #expect(abs(x.0 + 0.5) < 1e-12 && abs(x.1 - 10.5) < 1e-12)
        #expect(abs(y.0 + 0.05) < 1e-12)
        var bars = Axes()
        try bars.bar(x: [0, 1, 2], height: [3, 1, 2])
        #expect(bars.viewLimits().y.0 == 0)
    }
}
