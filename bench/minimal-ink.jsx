// The floor for the TUI's first frame: an Ink app that renders one line, bundled as the TUI is.
import { render, Text } from 'ink';

render(<Text>minimal ink frame</Text>);
setTimeout(() => process.exit(0), 60_000);
