import { AntdRegistry } from "@ant-design/nextjs-registry";
import type { Metadata } from "next";
import { Providers } from "@/components/providers";
import "./globals.css";

/** The document title and description of every page. */
export const metadata: Metadata = {
  title: "Planstream",
  description: "Chat-driven planning with live job logs",
};

/** The root layout: antd's style registry (SSR) around the client providers (React Query, antd, UI language). */
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <AntdRegistry>
          <Providers>{children}</Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
