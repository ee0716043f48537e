// Entry of the mock build. ES modules run in import order, so the IPC mock is installed
// before the app mounts and calls `invoke` for the first time.
import "./mock/auto";
import "./main";
