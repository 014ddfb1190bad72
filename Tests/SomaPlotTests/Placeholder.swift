import Testing
@testable import SomaPlot

@Test func moduleLoads() { #expect(Bool(true)) }
