<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
    <context>
        <name>AboutDialog</name>
        <message>
            <location filename="../ui/dialogs/info.py" line="+48" />
            <source>No models installed.</source>
            <translation>Aucun modèle installé.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&lt;p&gt;A local, offline computer-vision workbench. Nothing leaves this computer; results are kept in an encrypted database.&lt;/p&gt;</source>
            <translation>&lt;p&gt;Un atelier de vision par ordinateur local et hors ligne. Rien ne quitte cet ordinateur ; les résultats sont conservés dans une base de données chiffrée.&lt;/p&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&lt;h3&gt;Models and their data licences&lt;/h3&gt;</source>
            <translation>&lt;h3&gt;Modèles et licences de leurs données&lt;/h3&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;h3&gt;Versions&lt;/h3&gt;</source>
            <translation>&lt;h3&gt;Versions&lt;/h3&gt;</translation>
        </message>
        <message>
            <location line="+8" />
            <source>About AlyesDesk</source>
            <translation>À propos d'AlyesDesk</translation>
        </message>
    </context>
    <context>
        <name>Actions</name>
        <message>
            <location filename="../ui/actions.py" line="+72" />
            <source>&amp;Import model…</source>
            <translation>&amp;Importer un modèle…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Check and install an ONNX model</source>
            <translation>Vérifier et installer un modèle ONNX</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open &amp;data folder</source>
            <translation>Ouvrir le &amp;dossier des données</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open the folder with the database, models and logs</source>
            <translation>Ouvrir le dossier de la base de données, des modèles et des journaux</translation>
        </message>
        <message>
            <location line="+1" />
            <source>App &amp;lock…</source>
            <translation>&amp;Verrouillage de l'application…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Require a passphrase at every start (or remove it)</source>
            <translation>Demander une phrase secrète à chaque démarrage (ou la retirer)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Loc&amp;k now</source>
            <translation>Verr&amp;ouiller maintenant</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Hide results and images until the passphrase is typed</source>
            <translation>Masquer résultats et images jusqu'à la saisie de la phrase secrète</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Back up the database now</source>
            <translation>&amp;Sauvegarder la base de données maintenant</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Write an encrypted backup of the database</source>
            <translation>Écrire une sauvegarde chiffrée de la base de données</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Restore from backup…</source>
            <translation>&amp;Restaurer une sauvegarde…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Replace the database with a backup</source>
            <translation>Remplacer la base de données par une sauvegarde</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Settings…</source>
            <translation>&amp;Paramètres…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Language of the interface and the idle lock</source>
            <translation>Langue de l'interface et verrouillage en cas d'inactivité</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Quit</source>
            <translation>&amp;Quitter</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Close AlyesDesk</source>
            <translation>Fermer AlyesDesk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Messages</source>
            <translation>&amp;Messages</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every notice and error of this session</source>
            <translation>Tous les avis et erreurs de cette session</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Keyboard shortcuts…</source>
            <translation>&amp;Raccourcis clavier…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>This list</source>
            <translation>Cette liste</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Diagnostics…</source>
            <translation>&amp;Diagnostic…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Versions, providers and cameras, to paste into bug reports</source>
            <translation>Versions, moteurs d'exécution et caméras, à coller dans les rapports de bogue</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;About AlyesDesk…</source>
            <translation>À &amp;propos d'AlyesDesk…</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Versions and licences</source>
            <translation>Versions et licences</translation>
        </message>
        <message>
            <location line="+4" />
            <source>&amp;File</source>
            <translation>&amp;Fichier</translation>
        </message>
        <message>
            <location line="+2" />
            <source>&amp;View</source>
            <translation>&amp;Affichage</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&amp;Help</source>
            <translation>A&amp;ide</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Show or hide the on-screen gaze cursor (works from any AlyesDesk window)</source>
            <translation>Afficher ou masquer le curseur du regard à l'écran (depuis n'importe quelle fenêtre d'AlyesDesk)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Paste a photo to classify</source>
            <translation>Coller une photo à classer</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Next document needing review</source>
            <translation>Document suivant à vérifier</translation>
        </message>
        <message>
            <location line="+24" />
            <source>everywhere</source>
            <translation>partout</translation>
        </message>
        <message>
            <location line="+2" />
            <source>{tab} tab</source>
            <translation>onglet {tab}</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <location filename="../ui/app.py" line="+135" />
            <source>{reason}

AlyesDesk will run without storing results.</source>
            <translation>{reason}

AlyesDesk fonctionnera sans enregistrer les résultats.</translation>
        </message>
    </context>
    <context>
        <name>AppContext</name>
        <message>
            <location filename="../ui/context.py" line="+97" />
            <source>Settings could not be saved: {reason}</source>
            <translation>Les paramètres n'ont pas pu être enregistrés : {reason}</translation>
        </message>
    </context>
    <context>
        <name>AppLockDialog</name>
        <message>
            <location filename="../ui/dialogs/app_lock.py" line="+17" />
            <source>AlyesDesk asks for a passphrase at every start. Remove it to keep the key in the system's password store instead (anyone using your account can then open AlyesDesk).</source>
            <translation>AlyesDesk demande une phrase secrète à chaque démarrage. Retirez-la pour garder plutôt la clé dans le trousseau de mots de passe du système (toute personne utilisant votre compte pourra alors ouvrir AlyesDesk).</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Require a passphrase at every start, for shared computers. The database is re-encrypted with it and the key in the system's password store is removed. Forgetting it makes the data unreadable.</source>
            <translation>Demander une phrase secrète à chaque démarrage, pour les ordinateurs partagés. La base de données est rechiffrée avec elle et la clé du trousseau de mots de passe du système est supprimée. L'oublier rend les données illisibles.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>App lock</source>
            <translation>Verrouillage de l'application</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Remove lock</source>
            <translation>Retirer le verrou</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Lock</source>
            <translation>Verrouiller</translation>
        </message>
        <message>
            <location line="+4" />
            <source>New passphrase</source>
            <translation>Nouvelle phrase secrète</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Repeat</source>
            <translation>Confirmer</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Use at least {count} characters.</source>
            <translation>Utilisez au moins {count} caractères.</translation>
        </message>
    </context>
    <context>
        <name>BackupsDialog</name>
        <message>
            <location filename="../ui/dialogs/backups.py" line="+36" />
            <source>Restore from backup</source>
            <translation>Restaurer une sauvegarde</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Choose a backup to restore. The current database is kept beside it (renamed), never deleted.</source>
            <translation>Choisissez la sauvegarde à restaurer. La base de données actuelle est conservée à côté (renommée), jamais supprimée.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>There are no backups yet in {folder}.</source>
            <translation>Il n'y a encore aucune sauvegarde dans {folder}.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>  (its key is not on this computer)</source>
            <translation>  (sa clé n'est pas sur cet ordinateur)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>manual</source>
            <translation>manuelle</translation>
        </message>
        <message>
            <location line="+0" />
            <source>daily</source>
            <translation>quotidienne</translation>
        </message>
        <message>
            <location line="+0" />
            <source>before a restore</source>
            <translation>avant une restauration</translation>
        </message>
        <message>
            <location line="+1" />
            <source>before an upgrade</source>
            <translation>avant une mise à jour</translation>
        </message>
        <message>
            <location line="+0" />
            <source>before a key change</source>
            <translation>avant un changement de clé</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Restore</source>
            <translation>Restaurer</translation>
        </message>
        <message>
            <location line="+23" />
            <source>This backup is protected by a passphrase:</source>
            <translation>Cette sauvegarde est protégée par une phrase secrète :</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Nothing was restored: {reason}</source>
            <translation>Rien n'a été restauré : {reason}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Your database is missing</source>
            <translation>Votre base de données est introuvable</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Restore from backup…</source>
            <translation>Restaurer une sauvegarde…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Start a new, empty database</source>
            <translation>Créer une nouvelle base de données vide</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Continue without storing</source>
            <translation>Continuer sans enregistrer</translation>
        </message>
    </context>
    <context>
        <name>CalibrationFlow</name>
        <message>
            <location filename="../ui/gaze/calibration.py" line="+127" />
            <source>Calibration cancelled: nothing was saved.</source>
            <translation>Calibrage annulé : rien n'a été enregistré.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Re-centre failed: {message}</source>
            <translation>Le recentrage a échoué : {message}</translation>
        </message>
    </context>
    <context>
        <name>CalibrationSummary</name>
        <message>
            <location line="-100" />
            <source>Calibrated</source>
            <translation>Calibré</translation>
        </message>
        <message>
            <location line="+2" />
            <source>: {degrees}° mean error ({pixels:.0f} px)</source>
            <translation> : erreur moyenne de {degrees}° ({pixels:.0f} px)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>, re-centred by {pixels:.0f} px</source>
            <translation>, recentré de {pixels:.0f} px</translation>
        </message>
        <message>
            <location line="+3" />
            <source>. It was made with the {frontend} front end: switch back or recalibrate.</source>
            <translation>. Il a été fait avec le détecteur {frontend} : revenez-y ou recalibrez.</translation>
        </message>
    </context>
    <context>
        <name>CallRunner</name>
        <message>
            <location filename="../ui/gaze/calls.py" line="+46" />
            <source>Gaze: {message}</source>
            <translation>Regard : {message}</translation>
        </message>
    </context>
    <context>
        <name>CameraSources</name>
        <message>
            <location filename="../ui/gaze/sources.py" line="+14" />
            <source>Videos (*.mp4 *.avi *.mov *.mkv *.webm);;All files (*)</source>
            <translation>Vidéos (*.mp4 *.avi *.mov *.mkv *.webm);;Tous les fichiers (*)</translation>
        </message>
        <message>
            <location line="+42" />
            <source>{value} webcam(s) found</source>
            <translation>Webcams trouvées : {value}</translation>
        </message>
        <message>
            <location line="+0" />
            <source>No webcam found: the simulated webcam and video files still work.</source>
            <translation>Aucune webcam trouvée : la webcam simulée et les fichiers vidéo fonctionnent quand même.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Video of a face</source>
            <translation>Vidéo d'un visage</translation>
        </message>
    </context>
    <context>
        <name>CameraView</name>
        <message>
            <location filename="../ui/gaze/camera_view.py" line="+40" />
            <source>Camera off: choose a camera and press Start.</source>
            <translation>Caméra éteinte : choisissez une caméra et appuyez sur Démarrer.</translation>
        </message>
    </context>
    <context>
        <name>CursorSwitch</name>
        <message>
            <location filename="../ui/gaze/cursor.py" line="+59" />
            <source>Gaze cursor colour</source>
            <translation>Couleur du curseur du regard</translation>
        </message>
    </context>
    <context>
        <name>DiagnosticsDialog</name>
        <message>
            <location filename="../ui/dialogs/info.py" line="-41" />
            <source>Diagnostics</source>
            <translation>Diagnostic</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Copy to clipboard</source>
            <translation>Copier dans le presse-papiers</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Paste this into bug reports (home paths are not included in error logs).</source>
            <translation>Collez ceci dans vos rapports de bogue (les chemins de votre dossier personnel ne figurent pas dans les journaux d'erreurs).</translation>
        </message>
    </context>
    <context>
        <name>ErrorDialog</name>
        <message>
            <location filename="../ui/dialogs/error_dialog.py" line="+12" />
            <source>AlyesDesk: unexpected error</source>
            <translation>AlyesDesk : erreur inattendue</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Something went wrong. Your data is safe; the error was written to the log.</source>
            <translation>Un problème est survenu. Vos données sont intactes ; l'erreur a été inscrite dans le journal.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Copy for a bug report</source>
            <translation>Copier pour un rapport de bogue</translation>
        </message>
    </context>
    <context>
        <name>EyeCrops</name>
        <message>
            <location filename="../ui/gaze/camera_view.py" line="+65" />
            <source>Right eye</source>
            <translation>Œil droit</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Left eye</source>
            <translation>Œil gauche</translation>
        </message>
        <message>
            <location line="+6" />
            <source>{title} (32x32)</source>
            <translation>{title} (32x32)</translation>
        </message>
    </context>
    <context>
        <name>GazeControls</name>
        <message>
            <location filename="../ui/gaze/controls.py" line="+32" />
            <source>MediaPipe face mesh + iris (accurate)</source>
            <translation>Maillage du visage + iris MediaPipe (précis)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Haar cascades (fast, less accurate)</source>
            <translation>Cascades de Haar (rapide, moins précis)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>9 points</source>
            <translation>9 points</translation>
        </message>
        <message>
            <location line="+0" />
            <source>16 points</source>
            <translation>16 points</translation>
        </message>
        <message>
            <location line="+1" />
            <source>5 points</source>
            <translation>5 points</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Smooth pursuit (moving dot)</source>
            <translation>Poursuite lente (point mobile)</translation>
        </message>
        <message>
            <location line="+40" />
            <source>Camera</source>
            <translation>Caméra</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Find cameras</source>
            <translation>Chercher les caméras</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Start tracking</source>
            <translation>Démarrer le suivi</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Source</source>
            <translation>Source</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Front end</source>
            <translation>Détecteur</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Screen and calibration</source>
            <translation>Écran et calibrage</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Calibrate…</source>
            <translation>Calibrer…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Re-centre (1 point)</source>
            <translation>Recentrer (1 point)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>No calibration</source>
            <translation>Aucun calibrage</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Screen</source>
            <translation>Écran</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Viewing distance</source>
            <translation>Distance de l'écran</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Pattern</source>
            <translation>Motif</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Gaze cursor and heatmap</source>
            <translation>Curseur du regard et carte de chaleur</translation>
        </message>
        <message>
            <location line="+2" />
            <source>On-screen cursor ({OVERLAY_SHORTCUT})</source>
            <translation>Curseur à l'écran ({OVERLAY_SHORTCUT})</translation>
        </message>
        <message>
            <location line="+8" />
            <source>off (keep everything)</source>
            <translation>désactivé (tout garder)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Clear heatmap</source>
            <translation>Effacer la carte de chaleur</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Cursor size</source>
            <translation>Taille du curseur</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cursor colour</source>
            <translation>Couleur du curseur</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Heat half-life</source>
            <translation>Demi-vie de la chaleur</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Recording</source>
            <translation>Enregistrement</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Session name (e.g. 'Reading test')</source>
            <translation>Nom de la session (p. ex. « Test de lecture »)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Record</source>
            <translation>Enregistrer</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Not recording</source>
            <translation>Pas d'enregistrement en cours</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Status</source>
            <translation>État</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Camera off</source>
            <translation>Caméra éteinte</translation>
        </message>
        <message>
            <location line="+26" />
            <source>Video file…</source>
            <translation>Fichier vidéo…</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Where you looked on the tracked screen: heat, recent fixations (circles), gaze now (ring)</source>
            <translation>Où vous avez regardé sur l'écran suivi : chaleur, fixations récentes (cercles), regard actuel (anneau)</translation>
        </message>
    </context>
    <context>
        <name>GazeCursorWindow</name>
        <message>
            <location filename="../ui/gaze/overlay.py" line="+46" />
            <source>AlyesDesk gaze cursor</source>
            <translation>Curseur du regard AlyesDesk</translation>
        </message>
    </context>
    <context>
        <name>GazeStatus</name>
        <message>
            <location filename="../ui/gaze/camera_view.py" line="-98" />
            <location filename="../ui/gaze/worker.py" line="+319" />
            <source>Tracking</source>
            <translation>Suivi en cours</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../ui/gaze/worker.py" line="+1" />
            <source>No face</source>
            <translation>Aucun visage</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../ui/gaze/worker.py" line="+0" />
            <source>Blink</source>
            <translation>Clignement</translation>
        </message>
        <message>
            <location line="+1" />
            <location filename="../ui/gaze/worker.py" line="+0" />
            <source>Low confidence</source>
            <translation>Confiance faible</translation>
        </message>
        <message>
            <location filename="../ui/gaze/worker.py" line="-21" />
            <source>camera {fps:5.1f} fps
processing {ms:5.1f} ms
display lag {lag:5.1f} ms
dropped {dropped} of {count} frames</source>
            <translation>caméra {fps:5.1f} i/s
traitement {ms:5.1f} ms
retard d'affichage {lag:5.1f} ms
{dropped} images perdues sur {count}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>recorded {count} samples</source>
            <translation>{count} échantillons enregistrés</translation>
        </message>
        <message>
            <location line="+8" />
            <source>eyes closed</source>
            <translation>yeux fermés</translation>
        </message>
        <message>
            <location line="+1" />
            <source>no open eye found</source>
            <translation>aucun œil ouvert trouvé</translation>
        </message>
        <message>
            <location line="+1" />
            <source>only one eye found</source>
            <translation>un seul œil trouvé</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Face and eyes found; no gaze point until you calibrate.</source>
            <translation>Visage et yeux trouvés ; pas de point de regard avant le calibrage.</translation>
        </message>
    </context>
    <context>
        <name>GazeTab</name>
        <message>
            <location filename="../ui/gaze/tab.py" line="+106" />
            <source>Live</source>
            <translation>En direct</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sessions</source>
            <translation>Sessions</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Studies</source>
            <translation>Études</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Pointer</source>
            <translation>Pointeur</translation>
        </message>
        <message>
            <location line="+71" />
            <source>The stored calibration cannot be used ({exc}); please recalibrate.</source>
            <translation>Le calibrage enregistré est inutilisable ({exc}) ; veuillez recalibrer.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>No calibration for this screen.</source>
            <translation>Aucun calibrage pour cet écran.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No calibration for this screen yet. Tracking already shows your face and eyes, but a gaze point needs a calibration: you look at a few dots for about 30 seconds.</source>
            <translation>Pas encore de calibrage pour cet écran. Le suivi montre déjà votre visage et vos yeux, mais un point de regard demande un calibrage : vous regardez quelques points pendant environ 30 secondes.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Calibrate now</source>
            <translation>Calibrer maintenant</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Calibrated, but not stored (the database is locked): it lasts until you quit.</source>
            <translation>Calibré, mais non enregistré (la base de données est verrouillée) : le calibrage dure jusqu'à la fermeture.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Calibration saved for {current_screen_key}: {text}</source>
            <translation>Calibrage enregistré pour {current_screen_key} : {text}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Re-centring needs a calibration first: press Calibrate.</source>
            <translation>Le recentrage demande d'abord un calibrage : appuyez sur Calibrer.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>Choose a camera, a video file or the simulated webcam first.</source>
            <translation>Choisissez d'abord une caméra, un fichier vidéo ou la webcam simulée.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Starting {label}…</source>
            <translation>Démarrage de {label}…</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Camera off: choose a camera and press Start.</source>
            <translation>Caméra éteinte : choisissez une caméra et appuyez sur Démarrer.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Stop tracking</source>
            <translation>Arrêter le suivi</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Start tracking</source>
            <translation>Démarrer le suivi</translation>
        </message>
        <message>
            <location line="+17" />
            <source>Tracking with {description}</source>
            <translation>Suivi avec {description}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The video ended: tracking stopped.</source>
            <translation>La vidéo est terminée : le suivi s'est arrêté.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Camera error: {message}</source>
            <translation>Erreur de caméra : {message}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Tracking could not start: {message}</source>
            <translation>Le suivi n'a pas pu démarrer : {message}</translation>
        </message>
        <message>
            <location line="+4" />
            <source> The session '{name}' was kept and ends at its last sample.</source>
            <translation> La session « {name} » est conservée et s'arrête à son dernier échantillon.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Camera lost: {message}</source>
            <translation>Caméra perdue : {message}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Camera lost: {message}.{kept}</source>
            <translation>Caméra perdue : {message}.{kept}</translation>
        </message>
        <message>
            <location line="+39" />
            <source>The database is locked: sessions cannot be stored.</source>
            <translation>La base de données est verrouillée : les sessions ne peuvent pas être enregistrées.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Calibrate first: without a calibration there is no gaze point to record.</source>
            <translation>Calibrez d'abord : sans calibrage, il n'y a pas de point de regard à enregistrer.</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <location filename="../ui/history/tab.py" line="+30" />
            <source>Time</source>
            <translation>Date</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Capability</source>
            <translation>Outil</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Input</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Model</source>
            <translation>Modèle</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Gaze</source>
            <translation>Regard</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Waste sorting</source>
            <translation>Tri des déchets</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Streets</source>
            <translation>Rues</translation>
        </message>
        <message>
            <location line="+13" />
            <source>All capabilities</source>
            <translation>Tous les outils</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Filter by file, outcome or model…</source>
            <translation>Filtrer par fichier, résultat ou modèle…</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Details…</source>
            <translation>Détails…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export CSV…</source>
            <translation>Exporter en CSV…</translation>
        </message>
        <message>
            <location line="+56" />
            <source>The database is locked: results are not being stored in this session.</source>
            <translation>La base de données est verrouillée : les résultats ne sont pas enregistrés pendant cette session.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Could not read the history: {reason}</source>
            <translation>Impossible de lire l'historique : {reason}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>No result matches this filter.</source>
            <translation>Aucun résultat ne correspond à ce filtre.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No results yet.

Every classification, document check, segmentation, calibration and gaze recording is stored here, encrypted, as soon as it is made.</source>
            <translation>Aucun résultat pour l'instant.

Chaque classement, vérification de document, segmentation, calibrage et enregistrement du regard est conservé ici, chiffré, dès qu'il est fait.</translation>
        </message>
        <message>
            <location line="+20" />
            <source>{count} result(s)</source>
            <translation>{count} résultat(s)</translation>
        </message>
        <message>
            <location line="+39" />
            <source>Delete results</source>
            <translation>Supprimer des résultats</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete {count} result(s) from the encrypted database? This cannot be undone.</source>
            <translation>Supprimer {count} résultat(s) de la base de données chiffrée ? Cette action est irréversible.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Deleted {count} result(s)</source>
            <translation>{count} résultat(s) supprimé(s)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Export history</source>
            <translation>Exporter l'historique</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Could not write {path}: {reason}</source>
            <translation>Impossible d'écrire {path} : {reason}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Exported {count} result(s) to {path}</source>
            <translation>{count} résultat(s) exporté(s) vers {path}</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../ui/i18n.py" line="+197" />
            <source>cardboard</source>
            <translation>carton</translation>
        </message>
        <message>
            <location line="+1" />
            <source>glass</source>
            <translation>verre</translation>
        </message>
        <message>
            <location line="+1" />
            <source>metal</source>
            <translation>métal</translation>
        </message>
        <message>
            <location line="+1" />
            <source>paper</source>
            <translation>papier</translation>
        </message>
        <message>
            <location line="+1" />
            <source>plastic</source>
            <translation>plastique</translation>
        </message>
        <message>
            <location line="+1" />
            <source>trash</source>
            <translation>ordures ménagères</translation>
        </message>
        <message>
            <location line="+8" />
            <source>flat</source>
            <translation>sol (chaussée, trottoir)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>human</source>
            <translation>personne</translation>
        </message>
        <message>
            <location line="+1" />
            <source>vehicle</source>
            <translation>véhicule</translation>
        </message>
        <message>
            <location line="+1" />
            <source>construction</source>
            <translation>construction</translation>
        </message>
        <message>
            <location line="+1" />
            <source>object</source>
            <translation>objet</translation>
        </message>
        <message>
            <location line="+1" />
            <source>nature</source>
            <translation>nature</translation>
        </message>
        <message>
            <location line="+2" />
            <source>void</source>
            <translation>vide</translation>
        </message>
        <message>
            <location line="-14" />
            <source>wood</source>
            <translation>bois</translation>
        </message>
        <message>
            <location line="+1" />
            <source>textiles</source>
            <translation>textiles</translation>
        </message>
        <message>
            <location line="+1" />
            <source>organic waste</source>
            <translation>biodéchets</translation>
        </message>
        <message>
            <location line="+1" />
            <source>biological</source>
            <translation>biodéchets</translation>
        </message>
        <message>
            <location line="+1" />
            <source>battery</source>
            <translation>pile</translation>
        </message>
        <message>
            <location line="+1" />
            <source>signature</source>
            <translation>signature</translation>
        </message>
        <message>
            <location line="+8" />
            <source>sky</source>
            <translation>ciel</translation>
        </message>
    </context>
    <context>
        <name>LockScreen</name>
        <message>
            <location filename="../ui/widgets/lock_screen.py" line="+83" />
            <source>&lt;h2&gt;AlyesDesk is locked&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;AlyesDesk est verrouillé&lt;/h2&gt;</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Results and images are hidden. Work that was running goes on.
Type the app-lock passphrase to continue.</source>
            <translation>Les résultats et les images sont masqués. Les traitements en cours continuent.
Saisissez la phrase secrète de verrouillage pour continuer.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Passphrase</source>
            <translation>Phrase secrète</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Wrong passphrase.</source>
            <translation>Phrase secrète incorrecte.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../ui/main_window.py" line="+135" />
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Keyboard shortcuts</source>
            <translation>Raccourcis clavier</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Could not read the model: {reason}</source>
            <translation>Impossible de lire le modèle : {reason}</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Checking {file}…</source>
            <translation>Vérification de {file}…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Model not imported: {reason}</source>
            <translation>Modèle non importé : {reason}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Model imported</source>
            <translation>Modèle importé</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{name} {version} ({task}) was checked and installed.
Use it instead of the current model for this task?</source>
            <translation>{name} {version} ({task}) a été vérifié et installé.
L'utiliser à la place du modèle actuel pour cette tâche ?</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Imported {name} {version}</source>
            <translation>{name} {version} importé</translation>
        </message>
        <message>
            <location line="+10" />
            <source>App lock on: the passphrase is asked at every start (and after {minutes} idle minutes)</source>
            <translation>Verrouillage activé : la phrase secrète est demandée à chaque démarrage (et après {minutes} minutes d'inactivité)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>App lock removed</source>
            <translation>Verrouillage retiré</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Backup not written: {reason}</source>
            <translation>Sauvegarde non écrite : {reason}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Backup written: {path}</source>
            <translation>Sauvegarde écrite : {path}</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Restored the backup of {date}</source>
            <translation>Sauvegarde du {date} restaurée</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Collecting diagnostics (probing cameras)…</source>
            <translation>Collecte du diagnostic (recherche des caméras)…</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Diagnostics not collected</source>
            <translation>Diagnostic non collecté</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Settings not changed: {reason}</source>
            <translation>Paramètres non modifiés : {reason}</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The new language applies at the next start of AlyesDesk.</source>
            <translation>La nouvelle langue s'appliquera au prochain démarrage d'AlyesDesk.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>Results not stored: database locked</source>
            <translation>Résultats non enregistrés : base de données verrouillée</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The encrypted database is not open (locked, missing or unreadable): what you do here is shown but not kept. Restart AlyesDesk to unlock it, or use File &gt; Restore from backup.</source>
            <translation>La base de données chiffrée n'est pas ouverte (verrouillée, introuvable ou illisible) : ce que vous faites ici est affiché mais pas conservé. Redémarrez AlyesDesk pour la déverrouiller, ou utilisez Fichier &gt; Restaurer une sauvegarde.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Encrypted storage (passphrase)</source>
            <translation>Stockage chiffré (phrase secrète)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Encrypted storage (key in the system's password store)</source>
            <translation>Stockage chiffré (clé dans le trousseau du système)</translation>
        </message>
    </context>
    <context>
        <name>MessagesPanel</name>
        <message>
            <location filename="../ui/widgets/messages.py" line="+15" />
            <source>Error</source>
            <translation>Erreur</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Warning</source>
            <translation>Avertissement</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Info</source>
            <translation>Info</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Copy for a bug report</source>
            <translation>Copier pour un rapport de bogue</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Clear</source>
            <translation>Effacer</translation>
        </message>
    </context>
    <context>
        <name>NotificationBell</name>
        <message>
            <location line="+56" />
            <source>Messages (errors and notices of this session)</source>
            <translation>Messages (erreurs et avis de cette session)</translation>
        </message>
        <message>
            <location line="+18" />
            <source>Messages</source>
            <translation>Messages</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Messages (1 new error)</source>
            <translation>Messages (1 nouvelle erreur)</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Messages ({count} new errors)</source>
            <translation>Messages ({count} nouvelles erreurs)</translation>
        </message>
    </context>
    <context>
        <name>Outcome</name>
        <message>
            <location filename="../ui/i18n.py" line="+24" />
            <source>{verdict}: {count} signature(s) on {pages} page(s), {expected} expected</source>
            <translation>{verdict} : {count} signature(s) sur {pages} page(s), {expected} attendue(s)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{label} (corrected from {original})</source>
            <translation>{label} (corrigé, était {original})</translation>
        </message>
        <message>
            <location line="+6" />
            <source>calibration on {screen}: {degrees}° on average, {pixels} px</source>
            <translation>calibrage sur {screen} : {degrees}° en moyenne, {pixels} px</translation>
        </message>
        <message>
            <location line="+4" />
            <source>{count} samples, {minutes} min {seconds} s</source>
            <translation>{count} échantillons, {minutes} min {seconds} s</translation>
        </message>
        <message>
            <location line="+2" />
            <source>recording…</source>
            <translation>enregistrement…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>calibration ({frontend})</source>
            <translation>calibrage ({frontend})</translation>
        </message>
    </context>
    <context>
        <name>PassphraseDialog</name>
        <message>
            <location filename="../ui/dialogs/passphrase.py" line="+19" />
            <source>Protect your data</source>
            <translation>Protégez vos données</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Unlock AlyesDesk</source>
            <translation>Déverrouiller AlyesDesk</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Create</source>
            <translation>Créer</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Unlock</source>
            <translation>Déverrouiller</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Passphrase</source>
            <translation>Phrase secrète</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Repeat</source>
            <translation>Confirmer</translation>
        </message>
        <message>
            <location line="+2" />
            <source>At least {count} characters. Keep it safe: without it the encrypted database cannot be opened by anyone, including you.</source>
            <translation>Au moins {count} caractères. Conservez-la précieusement : sans elle, personne ne peut ouvrir la base de données chiffrée, pas même vous.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Continue without storing</source>
            <translation>Continuer sans enregistrer</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Wrong passphrase. Nothing was changed; try again.</source>
            <translation>Phrase secrète incorrecte. Rien n'a été modifié ; réessayez.</translation>
        </message>
    </context>
    <context>
        <name>PassphraseForm</name>
        <message>
            <location filename="../ui/dialogs/passphrase_form.py" line="+38" />
            <source>The two passphrases differ.</source>
            <translation>Les deux phrases secrètes sont différentes.</translation>
        </message>
    </context>
    <context>
        <name>PlaceholderTab</name>
        <message>
            <location filename="../ui/widgets/placeholder.py" line="+25" />
            <source>&lt;i&gt;This tab could not start: {reason}&lt;/i&gt;</source>
            <translation>&lt;i&gt;Cet onglet n'a pas pu démarrer : {reason}&lt;/i&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;i&gt;Coming in a next version.&lt;/i&gt;</source>
            <translation>&lt;i&gt;Disponible dans une prochaine version.&lt;/i&gt;</translation>
        </message>
    </context>
    <context>
        <name>RecentreWindow</name>
        <message>
            <location filename="../ui/gaze/recentre.py" line="+32" />
            <source>AlyesDesk re-centre</source>
            <translation>Recentrage AlyesDesk</translation>
        </message>
        <message>
            <location line="+62" />
            <source>Look at the dot to re-centre the calibration.   (Esc cancels)</source>
            <translation>Regardez le point pour recentrer le calibrage.   (Échap pour annuler)</translation>
        </message>
    </context>
    <context>
        <name>Recorder</name>
        <message>
            <location filename="../ui/gaze/recording.py" line="+63" />
            <source>Session {date}</source>
            <translation>Session du {date}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Recording needs the database (it is locked): sessions cannot be stored.</source>
            <translation>L'enregistrement a besoin de la base de données (elle est verrouillée) : les sessions ne peuvent pas être conservées.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Start tracking with a calibration before recording.</source>
            <translation>Démarrez le suivi avec un calibrage avant d'enregistrer.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Starting '{name}'…</source>
            <translation>Démarrage de « {name} »…</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Saving '{session_name}'…</source>
            <translation>Enregistrement de « {session_name} »…</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Recording '{session_name}'</source>
            <translation>Enregistrement de « {session_name} » en cours</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Saved '{session_name}': {written} samples</source>
            <translation>« {session_name} » enregistrée : {written} échantillons</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Session '{session_name}' saved ({written} samples)</source>
            <translation>Session « {session_name} » enregistrée ({written} échantillons)</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The session could not be closed: {message}</source>
            <translation>La session n'a pas pu être fermée : {message}</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Stop recording</source>
            <translation>Arrêter l'enregistrement</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Record</source>
            <translation>Enregistrer</translation>
        </message>
    </context>
    <context>
        <name>ReplayView</name>
        <message>
            <location filename="../ui/gaze/sessions.py" line="+113" />
            <source>Select a session to replay it.</source>
            <translation>Sélectionnez une session pour la rejouer.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>no screenshot recorded</source>
            <translation>aucune capture d'écran enregistrée</translation>
        </message>
    </context>
    <context>
        <name>ResultDetailsDialog</name>
        <message>
            <location filename="../ui/dialogs/result_details.py" line="+20" />
            <source>Result #{id}</source>
            <translation>Résultat n° {id}</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Time</source>
            <translation>Date</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Capability</source>
            <translation>Outil</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Input</source>
            <translation>Entrée</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Outcome</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Model</source>
            <translation>Modèle</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Note</source>
            <translation>Note</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Technical details</source>
            <translation>Détails techniques</translation>
        </message>
    </context>
    <context>
        <name>SessionsBrowser</name>
        <message>
            <location filename="../ui/gaze/sessions.py" line="-45" />
            <source>{count} samples</source>
            <translation>{count} échantillons</translation>
        </message>
        <message>
            <location line="+88" />
            <source>Rename…</source>
            <translation>Renommer…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete…</source>
            <translation>Supprimer…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export heatmap PNG…</source>
            <translation>Exporter la carte de chaleur en PNG…</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Export CSV…</source>
            <translation>Exporter en CSV…</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Recorded sessions</source>
            <translation>Sessions enregistrées</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+110" />
            <source>Play</source>
            <translation>Lecture</translation>
        </message>
        <message>
            <location line="-107" />
            <source>Fixations</source>
            <translation>Fixations</translation>
        </message>
        <message>
            <location line="+40" />
            <source>The database is locked: sessions are not stored or listed.</source>
            <translation>La base de données est verrouillée : les sessions ne sont ni enregistrées ni listées.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>No sessions yet: start tracking, then Record.</source>
            <translation>Aucune session pour l'instant : démarrez le suivi, puis Enregistrer.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>Loading…</source>
            <translation>Chargement…</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Sessions: {message}</source>
            <translation>Sessions : {message}</translation>
        </message>
        <message>
            <location line="+17" />
            <source>{name}: {t:5.1f} s of {duration:.1f} s · {samples} samples · {shown}/{fixations} fixations · screen {screen}</source>
            <translation>{name} : {t:5.1f} s sur {duration:.1f} s · {samples} échantillons · {shown}/{fixations} fixations · écran {screen}</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Pause</source>
            <translation>Pause</translation>
        </message>
        <message>
            <location line="+27" />
            <source>Rename session</source>
            <translation>Renommer la session</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Name:</source>
            <translation>Nom :</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Not renamed: {exc}</source>
            <translation>Non renommée : {exc}</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Delete session</source>
            <translation>Supprimer la session</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Delete this session and all its samples? This cannot be undone.</source>
            <translation>Supprimer cette session et tous ses échantillons ? Cette action est irréversible.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Export</source>
            <translation>Exporter</translation>
        </message>
        <message>
            <location line="+12" />
            <source>Exported {written}</source>
            <translation>Exporté : {written}</translation>
        </message>
    </context>
    <context>
        <name>SettingsDialog</name>
        <message>
            <location filename="../ui/dialogs/settings_dialog.py" line="+17" />
            <source>Settings</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Same as the computer</source>
            <translation>Comme l'ordinateur</translation>
        </message>
        <message>
            <location line="+6" />
            <source> min</source>
            <translation> min</translation>
        </message>
        <message>
            <location line="+1" />
            <source>never</source>
            <translation>jamais</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Lock the window after this many idle minutes when an app-lock passphrase is set (0 = never).</source>
            <translation>Verrouiller la fenêtre après ce nombre de minutes d'inactivité quand une phrase secrète de verrouillage est définie (0 = jamais).</translation>
        </message>
        <message>
            <location line="+2" />
            <source>A new language applies at the next start of AlyesDesk.</source>
            <translation>Une nouvelle langue s'applique au prochain démarrage d'AlyesDesk.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Language:</source>
            <translation>Langue :</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Lock when idle after:</source>
            <translation>Verrouiller après une inactivité de :</translation>
        </message>
    </context>
    <context>
        <name>SidecarForm</name>
        <message>
            <location filename="../ui/dialogs/import_model.py" line="+44" />
            <source>Describe {file}</source>
            <translation>Décrire {file}</translation>
        </message>
        <message>
            <location line="+8" />
            <source>e.g. MIT, or 'private'</source>
            <translation>p. ex. MIT, ou « privé »</translation>
        </message>
        <message>
            <location line="+1" />
            <source>comma-separated, in output order</source>
            <translation>séparées par des virgules, dans l'ordre des sorties</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Inputs found</source>
            <translation>Entrées trouvées</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Task</source>
            <translation>Tâche</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Version</source>
            <translation>Version</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Labels</source>
            <translation>Étiquettes</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Colour order</source>
            <translation>Ordre des couleurs</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Resize</source>
            <translation>Redimensionnement</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Scale</source>
            <translation>Échelle</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mean</source>
            <translation>Moyenne</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Std</source>
            <translation>Écart type</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Mean and std must be numbers separated by commas ({reason})</source>
            <translation>La moyenne et l'écart type doivent être des nombres séparés par des virgules ({reason})</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Import model</source>
            <translation>Importer un modèle</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ONNX models (*.onnx)</source>
            <translation>Modèles ONNX (*.onnx)</translation>
        </message>
    </context>
    <context>
        <name>SourceChoice</name>
        <message>
            <location filename="../ui/gaze/worker.py" line="-269" />
            <source>Webcam {index}</source>
            <translation>Webcam {index}</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Video: {value}</source>
            <translation>Vidéo : {value}</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Simulated webcam (face follows the mouse)</source>
            <translation>Webcam simulée (le visage suit la souris)</translation>
        </message>
    </context>
    <context>
        <name>Status</name>
        <message>
            <location filename="../ui/i18n.py" line="-144" />
            <source>signed</source>
            <translation>signé</translation>
        </message>
        <message>
            <location line="+1" />
            <source>unsigned</source>
            <translation>non signé</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>needs review</source>
            <translation>à vérifier</translation>
        </message>
        <message>
            <location line="+1" />
            <source>error</source>
            <translation>erreur</translation>
        </message>
        <message>
            <location line="+1" />
            <source>failed</source>
            <translation>échec</translation>
        </message>
        <message>
            <location line="+1" />
            <source>ok</source>
            <translation>ok</translation>
        </message>
        <message>
            <location line="+1" />
            <source>confirmed</source>
            <translation>confirmé</translation>
        </message>
        <message>
            <location line="+1" />
            <source>corrected</source>
            <translation>corrigé</translation>
        </message>
        <message>
            <location line="+1" />
            <source>pending</source>
            <translation>en attente</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Windows Credential Manager</source>
            <translation>Gestionnaire d'identification Windows</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+1" />
            <source>macOS Keychain</source>
            <translation>Trousseau macOS</translation>
        </message>
        <message>
            <location line="+1" />
            <location line="+2" />
            <source>the desktop's password store (Secret Service)</source>
            <translation>le trousseau de mots de passe du bureau (Secret Service)</translation>
        </message>
        <message>
            <location line="-1" />
            <source>KDE Wallet</source>
            <translation>Portefeuille KDE</translation>
        </message>
        <message>
            <location line="+2" />
            <location line="+1" />
            <location line="+9" />
            <source>no password store available</source>
            <translation>aucun trousseau de mots de passe disponible</translation>
        </message>
        <message>
            <location line="-8" />
            <source>a plain file (not protected)</source>
            <translation>un simple fichier (non protégé)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>a file in the data folder</source>
            <translation>un fichier du dossier des données</translation>
        </message>
        <message>
            <location line="+12" />
            <source>the system's password store</source>
            <translation>le trousseau de mots de passe du système</translation>
        </message>
        <message>
            <location line="+13" />
            <source>the file is not a valid model (see the details)</source>
            <translation>le fichier n'est pas un modèle valide (voir les détails)</translation>
        </message>
        <message>
            <location line="+96" />
            <source>No usable password store was found on this computer to keep the database key ({store}). Choose a passphrase to protect your data; you will type it at each start (or set ALYESDESK_PASSPHRASE for headless use).</source>
            <translation>Aucun trousseau de mots de passe utilisable n'a été trouvé sur cet ordinateur pour garder la clé de la base de données ({store}). Choisissez une phrase secrète pour protéger vos données ; vous la saisirez à chaque démarrage (ou définissez ALYESDESK_PASSPHRASE pour un usage sans interface).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This database is protected by a passphrase.</source>
            <translation>Cette base de données est protégée par une phrase secrète.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>This backup is protected by a passphrase.</source>
            <translation>Cette sauvegarde est protégée par une phrase secrète.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The database key is not in the system's password store (was it reset, or the data folder copied from another computer?). Enter the database passphrase if it has one; otherwise the data cannot be decrypted. The file is left untouched.</source>
            <translation>La clé de la base de données n'est pas dans le trousseau de mots de passe du système (a-t-il été réinitialisé, ou le dossier des données copié depuis un autre ordinateur ?). Saisissez la phrase secrète de la base si elle en a une ; sinon, les données ne peuvent pas être déchiffrées. Le fichier reste intact.</translation>
        </message>
    </context>
    <context>
        <name>StorageBanner</name>
        <message>
            <location filename="../ui/widgets/banner.py" line="+28" />
            <source>Dismiss</source>
            <translation>Fermer</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;b&gt;Results are not being stored.&lt;/b&gt; {reason}</source>
            <translation>&lt;b&gt;Les résultats ne sont pas enregistrés.&lt;/b&gt; {reason}</translation>
        </message>
        <message>
            <location line="+7" />
            <source>&lt;b&gt;1 result was NOT stored.&lt;/b&gt;</source>
            <translation>&lt;b&gt;1 résultat n'a PAS été enregistré.&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>&lt;b&gt;{count} results were NOT stored.&lt;/b&gt;</source>
            <translation>&lt;b&gt;{count} résultats n'ont PAS été enregistrés.&lt;/b&gt;</translation>
        </message>
        <message>
            <location line="+1" />
            <source>{count} Last: {what}: {reason}</source>
            <translation>{count} Dernier : {what} : {reason}</translation>
        </message>
    </context>
    <context>
        <name>Tabs</name>
        <message>
            <location filename="../ui/tabs.py" line="+22" />
            <source>Gaze</source>
            <translation>Regard</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Track where you look on screen with your webcam: calibrate, see a live gaze cursor and heatmap, record sessions and export heatmaps and CSV.</source>
            <translation>Suivez où vous regardez à l'écran avec votre webcam : calibrez, voyez en direct le curseur du regard et la carte de chaleur, enregistrez des sessions et exportez cartes de chaleur et CSV.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Waste sorting</source>
            <translation>Tri des déchets</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drop photos of waste items: the material is recognised and the right bin for your region is advised; correct wrong answers and export the corrections as a dataset.</source>
            <translation>Déposez des photos de déchets : la matière est reconnue et la bonne poubelle pour votre région est indiquée ; corrigez les erreurs et exportez les corrections comme jeu de données.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Documents</source>
            <translation>Documents</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Drop scans or PDFs: handwritten signatures are found, boxed and counted; unsigned documents are flagged, and a folder can be checked in one batch with a report.</source>
            <translation>Déposez des scans ou des PDF : les signatures manuscrites sont trouvées, encadrées et comptées ; les documents non signés sont signalés, et un dossier entier peut être vérifié d'un coup, avec un rapport.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Street segmentation</source>
            <translation>Segmentation de rue</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Open a street image or video: every pixel is coloured by category (flat, human, vehicle, construction, object, nature, sky, void) with a legend and per-category area.</source>
            <translation>Ouvrez une image ou une vidéo de rue : chaque pixel est coloré selon sa catégorie (sol, personne, véhicule, bâti, objet, nature, ciel, vide), avec une légende et la surface de chaque catégorie.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>History</source>
            <translation>Historique</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Every stored result, across capabilities.</source>
            <translation>Tous les résultats enregistrés, tous outils confondus.</translation>
        </message>
    </context>
</TS>