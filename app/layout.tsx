import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "./providers";
import { AppHeader } from "../components/ui/AppHeader";
import "./globals.css";

export const metadata: Metadata = {
  title: "Convergence Lab",
  description: "Watch a replicated log converge, diverge and recover, live.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppHeader />
          {children}
        </Providers>
      </body>
    </html>
  );
}
