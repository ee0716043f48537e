// Side effect only: installs the IPC mock, configured from the page address.
import { installMock, optionsFromLocation } from "./install";

installMock(optionsFromLocation(window.location.search));
