// The `probity` command: the only place the program exits.
import Foundation

Output.prepareStandardStreams()
let status = Output.finish(ProbityCommand.run(Array(CommandLine.arguments.dropFirst())))
exit(status.rawValue)
