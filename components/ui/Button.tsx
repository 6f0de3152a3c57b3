import type { ButtonHTMLAttributes } from "react";
import styles from "./Button.module.css";

type Variant = "primary" | "secondary" | "danger" | "ghost";

/** The one button of the app, in four variants and two sizes. */
export function Button({
  variant = "secondary",
  size = "md",
  className,
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; size?: "sm" | "md" }) {
  return (
    <button
      type="button"
      className={`${styles.button} ${styles[variant]} ${size === "sm" ? styles.sm : ""} ${className ?? ""}`}
      {...rest}
    />
  );
}
