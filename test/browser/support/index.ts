export { launchChromium, CHROMIUM_PATH } from './chromium';
export { PageProblems, type PageProblem } from './page-problems';
export { screenshot, SCREENSHOT_DIR } from './screenshots';
export { startDeskNetwork, DESK_USERS, DEMO_USERS_FILE, type DeskNetwork, type DeskUser } from './desk-network';
export { openDesk, signIn, menuTexts, type DeskPage } from './desk-page';
export { pickOption } from './pick-option';
export { startDeskWithBrowser } from './desk-with-browser';
