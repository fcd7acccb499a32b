export { Button, type ButtonProps } from "./button.js";
export { greeting } from "./greeting.js";
