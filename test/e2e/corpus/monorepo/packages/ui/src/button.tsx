import type { ButtonHTMLAttributes, ReactNode } from "react";

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  children: ReactNode;
}

export function Button({ children, className, ...props }: ButtonProps) {
  return (
    <button type="button" className={["acme-button", className].filter(Boolean).join(" ")} {...props}>
      {children}
    </button>
  );
}
