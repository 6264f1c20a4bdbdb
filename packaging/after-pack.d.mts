export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  arch?: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
}

export declare function packagedExecutable(context: PackedApp): string;
export default function afterPack(context: PackedApp): Promise<void>;
