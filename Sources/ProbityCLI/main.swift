// The `probity` command: the only place the program exits.
import Foundation

let status = ProbityCommand.run(Array(CommandLine.arguments.dropFirst()))
Output.flush()
exit(status.rawValue)
