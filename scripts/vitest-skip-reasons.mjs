// A vitest reporter that lists every skipped test with its reason (`ctx.skip('why')`): the default
// reporter hides them and the JSON report drops the reason. Used by scripts/test.sh.
export default class SkipReasonsReporter {
  onTestRunEnd(testModules) {
    const lines = [];
    for (const module of testModules) {
      for (const test of module.children.allTests('skipped')) {
        lines.push(
          `  ↓ ${module.project.name} ${module.relativeModuleId} > ${test.fullName}: ${test.result().note ?? 'NO REASON GIVEN'}`,
        );
      }
    }
    if (lines.length > 0) console.log(`skipped tests (${lines.length}):\n${lines.join('\n')}`);
  }
}
